// Versioned schema migrations, run by TypeORM (never `synchronize`). Each subgraph lists its own.
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/** A migration written as plain SQL. The name must end in a 13-digit timestamp (TypeORM's rule). */
export function sqlMigration(name: string, up: string, down: string): MigrationClass {
  if (!/\d{13}$/.test(name)) throw new Error(`migration ${name} must end in a 13-digit timestamp`);
  return class implements MigrationInterface {
    name = name;
    async up(qr: QueryRunner) {
      await qr.query(up);
    }
    async down(qr: QueryRunner) {
      await qr.query(down);
    }
  };
}

export async function runMigrations(url: string, migrations: MigrationClass[]): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url, migrations, migrationsTableName: 'schema_migrations', logging: false });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
