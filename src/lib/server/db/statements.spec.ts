import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { keepingStatements, type KeptStatements } from './statements';

interface Tables {
	item: { id: number; name: string };
}

let native: SQLite.Database;

function open(kept?: KeptStatements) {
	native = new SQLite(':memory:');
	const prepared: string[] = [];
	const prepare = native.prepare.bind(native);
	native.prepare = ((source: string) => {
		prepared.push(source);
		return prepare(source);
	}) as typeof native.prepare;
	const db = new Kysely<Tables>({
		dialect: new SqliteDialect({ database: keepingStatements(native, kept) })
	});
	return { db, prepared };
}

afterEach(() => {
	if (native.open) native.close();
});

describe('keepingStatements', () => {
	it('prepares a query once, however often it runs, with whatever parameters', async () => {
		const { db, prepared } = open();
		await sql`create table item (id integer primary key, name text not null)`.execute(db);
		for (let id = 1; id <= 5; id++)
			await db
				.insertInto('item')
				.values({ id, name: `n${id}` })
				.execute();
		const names = [];
		for (let id = 1; id <= 5; id++) {
			names.push((await db.selectFrom('item').select('name').where('id', '=', id).executeTakeFirst())?.name);
		}
		expect(names).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
		expect(prepared.filter((s) => s.startsWith('insert'))).toHaveLength(1);
		expect(prepared.filter((s) => s.startsWith('select'))).toHaveLength(1);
	});

	it('sees a column added after a statement was kept', async () => {
		const { db } = open();
		await sql`create table item (id integer primary key, name text not null)`.execute(db);
		await db.insertInto('item').values({ id: 1, name: 'a' }).execute();
		const all = () => db.selectFrom('item').selectAll().execute();
		expect(await all()).toEqual([{ id: 1, name: 'a' }]);
		await sql`alter table item add column note text`.execute(db);
		expect(await all()).toEqual([{ id: 1, name: 'a', note: null }]);
	});

	it('gives a second statement for the same query while the first is still being stepped through', async () => {
		const { db } = open();
		await sql`create table item (id integer primary key, name text not null)`.execute(db);
		await db
			.insertInto('item')
			.values([1, 2, 3].map((id) => ({ id, name: `n${id}` })))
			.execute();
		const { sql: source } = db.selectFrom('item').select('id').orderBy('id').compile();
		const outer: number[] = [];
		const inner: number[][] = [];
		// Kysely streams a select by stepping through its statement (Kysely holds the connection
		// meanwhile, so this runs the same SQL on the connection directly).
		const database = keepingStatements(native);
		const first = database.prepare(source);
		for (const row of first.iterate([]) as Iterable<{ id: number }>) {
			outer.push(row.id);
			inner.push((database.prepare(source).all([]) as { id: number }[]).map((r) => r.id));
		}
		expect(outer).toEqual([1, 2, 3]);
		expect(inner).toEqual([
			[1, 2, 3],
			[1, 2, 3],
			[1, 2, 3]
		]);
	});

	it('keeps at most the number asked for, dropping the least recently used', async () => {
		const { db, prepared } = open({ count: 2, sqlLength: 1000 });
		const one = () => sql`select 1`.execute(db);
		const two = () => sql`select 2`.execute(db);
		const three = () => sql`select 3`.execute(db);
		await one();
		await two();
		await one(); // 1 is now the most recently used
		await three(); // drops 2
		await one();
		await two();
		expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
	});

	it('keeps at most the SQL length asked for, and never a statement too long to be worth it', async () => {
		const { db, prepared } = open({ count: 100, sqlLength: 8 * 20 });
		// Each 'select N as aaaa…' is 20 characters: 8 fit.
		const select = (n: number) => sql.raw(`select ${n} as ${'a'.repeat(9 - String(n).length)}`).execute(db);
		for (let n = 1; n <= 9; n++) await select(n); // 9 drops 1
		await select(2);
		await select(1);
		expect(prepared.filter((s) => s.startsWith('select 1 '))).toHaveLength(2);
		expect(prepared.filter((s) => s.startsWith('select 2 '))).toHaveLength(1);
		// Longer than an eighth of the length allowed: prepared every time.
		const long = () => sql.raw(`select 1 as ${'b'.repeat(20)}`).execute(db);
		await long();
		await long();
		expect(prepared.filter((s) => s.includes('bbb'))).toHaveLength(2);
	});

	it('closes the connection with Kysely', async () => {
		const { db } = open();
		await sql`select 1`.execute(db);
		await db.destroy();
		expect(native.open).toBe(false);
	});
});
