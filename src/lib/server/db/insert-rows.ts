import {
	CompiledQuery,
	PostgresAdapter,
	SqliteAdapter,
	type Insertable,
	type Kysely,
	type Transaction
} from 'kysely';
import type { Database } from './schema';

type Table = keyof Database & string;
type Column<T extends Table> = keyof Database[T] & string;

/** Rows per multi-row statement: far below both databases' bound-parameter limits. */
export const ROWS_PER_STATEMENT = 500;

/** What a row that clashes with a stored one on a unique key does instead of failing. */
export interface OnConflict<T extends Table> {
	/** The columns of the unique key. */
	on: readonly Column<T>[];
	/** Columns the stored row takes from the new one; the others keep their stored values (none: all). */
	update: readonly Column<T>[];
}

/**
 * Many rows of one table in as few statements as the databases allow, as Kysely would write them.
 * Kysely builds and compiles a node for every value, which was a twentieth of a 10,000-change push
 * on the server; here the statement is written as text once per statement. Table and column names
 * come from the schema's types, never from input. Every row must give every column the first row
 * gives (null where empty), so that no column silently falls back to its default.
 */
export async function insertRows<T extends Table>(
	db: Kysely<Database> | Transaction<Database>,
	table: T,
	rows: readonly Insertable<Database[T]>[],
	onConflict?: OnConflict<T>
): Promise<void> {
	const [first] = rows;
	if (!first) return;
	const columns = Object.keys(first) as Column<T>[];
	const placeholder = placeholderOf(db);
	// Every row is checked before the first statement is sent.
	const statements: CompiledQuery[] = [];
	for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
		const parameters: unknown[] = [];
		const tuples: string[] = [];
		rows.slice(start, start + ROWS_PER_STATEMENT).forEach((row, i) => {
			const values = row as Record<string, unknown>;
			const marks: string[] = [];
			for (const column of columns) {
				const value = values[column];
				if (value === undefined)
					throw new Error(`Row ${start + i + 1} for ${table} has no value for ${column} (null if empty)`);
				parameters.push(value);
				marks.push(placeholder(parameters.length));
			}
			if (Object.keys(values).length !== columns.length)
				throw new Error(`Row ${start + i + 1} for ${table} has other columns than the first row`);
			tuples.push(`(${marks.join(', ')})`);
		});
		const text = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${tuples.join(', ')}`;
		statements.push(CompiledQuery.raw(text + conflictClause(onConflict), parameters));
	}
	for (const statement of statements) await db.executeQuery(statement);
}

const quoted = (name: string) => `"${name}"`;

function conflictClause<T extends Table>(onConflict: OnConflict<T> | undefined): string {
	if (!onConflict) return '';
	const set = onConflict.update.map((column) => `${quoted(column)} = excluded.${quoted(column)}`);
	const action = set.length > 0 ? `do update set ${set.join(', ')}` : 'do nothing';
	return ` on conflict (${onConflict.on.map(quoted).join(', ')}) ${action}`;
}

/** PostgreSQL numbers its parameters ($1, $2…); SQLite takes them in order (?). */
function placeholderOf(db: Kysely<Database> | Transaction<Database>): (n: number) => string {
	const { adapter } = db.getExecutor();
	if (adapter instanceof PostgresAdapter) return (n) => `$${n}`;
	if (adapter instanceof SqliteAdapter) return () => '?';
	throw new Error(`insertRows knows PostgreSQL and SQLite, not ${adapter.constructor.name}`);
}
