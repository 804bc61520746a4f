import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('agent_id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('agent', 'supervisor')`))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text', (col) => col.check(sql`end_reason in ('replaced', 'logout')`))
    .execute();
  // One live session per 工号 (DOMAIN.md, Identity), held by the database even if two logins race.
  await db.schema
    .createIndex('sessions_one_live_per_agent')
    .on('sessions')
    .column('agent_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('call', 'wrapUp', 'stateChange')`))
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('records_by_agent_time').on('records').columns(['agent_id', 'occurred_at']).execute();

  await db.schema
    .createTable('wrap_ups')
    .addColumn('id', 'uuid', (col) => col.primaryKey().references('records.id'))
    .addColumn('call_id', 'uuid', (col) => col.notNull())
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    // Free text, not a foreign key: a category retired later must not make old wrap-ups unsyncable.
    .addColumn('disposition', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('customer_name', 'text', (col) => col.notNull())
    .addColumn('customer_contact', 'text', (col) => col.notNull())
    .addColumn('resolved', 'boolean', (col) => col.notNull())
    .addColumn('promised_reply_at', 'bigint')
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('wrap_ups_by_agent_time').on('wrap_ups').columns(['agent_id', 'occurred_at']).execute();
  await db.schema.createIndex('wrap_ups_by_call').on('wrap_ups').column('call_id').execute();

  await db.schema
    .createTable('dispositions')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('label_zh', 'text', (col) => col.notNull())
    .addColumn('label_en', 'text', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .execute();
  // The categories of DOMAIN.md rule 3.
  await sql`
    insert into dispositions (code, label_zh, label_en, sort_order) values
      ('inquiry', '咨询', 'Inquiry', 1),
      ('lookup', '查询', 'Lookup', 2),
      ('complaint', '投诉', 'Complaint', 3),
      ('repair', '报修', 'Repair', 4),
      ('sale', '销售', 'Sale', 5),
      ('other', '其他', 'Other', 6)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['dispositions', 'wrap_ups', 'records', 'sessions', 'agents']) {
    await db.schema.dropTable(table).execute();
  }
}
