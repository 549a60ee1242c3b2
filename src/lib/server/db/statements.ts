import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept: far more than the distinct queries the server runs. */
const KEPT = 500;

/**
 * The SQLite connection as Kysely sees it, with its prepared statements kept by their SQL text.
 * Kysely prepares every query again each time it runs, which cost about 5% of a push's time on
 * the server. The least recently used statement goes first when more than `kept` are held.
 *
 * A statement still being stepped through (a streamed select) is never handed out twice: a second
 * one is prepared for the same SQL while the first is busy. SQLite prepares a kept statement again
 * by itself after the schema changes (a migration).
 */
export function keepingStatements(native: SQLite.Database, kept = KEPT): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
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
			if (!statement) {
				statements.set(sql, made);
				if (statements.size > kept) statements.delete(statements.keys().next().value as string);
			}
			return made;
		}
	};
}
