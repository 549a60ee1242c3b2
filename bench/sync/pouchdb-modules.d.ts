// Types for the PouchDB server packages bench:sync runs, which ship none of their own.

declare module 'pouchdb-adapter-memory' {
	const plugin: PouchDB.Plugin;
	export default plugin;
}

declare module 'pouchdb-mapreduce' {
	const plugin: PouchDB.Plugin;
	export default plugin;
}

declare module 'express-pouchdb' {
	import type { IncomingMessage, ServerResponse } from 'node:http';

	interface Options {
		/** Which parts of CouchDB's API to serve; `minimumForPouchDB` is what replication needs. */
		mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
		/** Keep express-pouchdb's own configuration in memory instead of a config.json file. */
		inMemoryConfig?: boolean;
	}
	/** An Express application: a request handler for node:http. */
	type App = (req: IncomingMessage, res: ServerResponse) => void;
	/** `pouchDB`: a PouchDB constructor, such as one from `PouchDB.defaults()`. */
	function expressPouchDB(pouchDB: new (name?: string) => PouchDB.Database, options?: Options): App;
	export default expressPouchDB;
}

declare module 'pouchdb-adapter-leveldb' {
	const plugin: PouchDB.Plugin;
	export default plugin;
}
