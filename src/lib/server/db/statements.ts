import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What is kept, at most: far more than the distinct queries the server runs. */
export interface KeptStatements {
	/** Statements. */
	count: number;
	/**
	 * Characters of SQL across them. A prepared statement takes memory in proportion to its SQL
	 * (about 0.5 MB for a 20 KB insert of 450 rows), and multi-row statements differ by row count.
	 */
	sqlLength: number;
}

const KEPT: KeptStatements = { count: 500, sqlLength: 256 * 1024 };

/**
 * The SQLite connection as Kysely sees it, with its prepared statements kept by their SQL text.
 * Kysely prepares every query again each time it runs, which cost about 5% of a push's time on
 * the server. The least recently used statements go first when more than `kept` are held; a
 * statement longer than an eighth of the SQL allowed is not kept at all.
 *
 * A statement still being stepped through (a streamed select) is never handed out twice: a second
 * one is prepared for the same SQL while the first is busy. SQLite prepares a kept statement again
 * by itself after the schema changes (a migration).
 */
export function keepingStatements(native: SQLite.Database, kept: KeptStatements = KEPT): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	let sqlLength = 0;
	const longest = kept.sqlLength / 8;
	return {
		close: () => native.close(),
		prepare(sql: string): SqliteStatement {
			const statement = statements.get(sql);
			if (statement && !statement.busy) {
				// Most recently used last, so the first in the map is the one to drop.
				statements.delete(sql);
				statements.set(sql, statement);
				return statement;
			}
			const made = native.prepare(sql);
			if (statement || sql.length > longest) return made;
			statements.set(sql, made);
			sqlLength += sql.length;
			for (const oldest of statements.keys()) {
				if (statements.size <= kept.count && sqlLength <= kept.sqlLength) break;
				statements.delete(oldest);
				sqlLength -= oldest.length;
			}
			return made;
		}
	};
}
