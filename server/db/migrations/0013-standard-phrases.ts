import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The categories and caps of src/contract/phrases.ts as they were when this migration was written. */
const CATEGORIES = ['greeting', 'verification', 'transfer', 'apology', 'closing', 'disposition'];
const TITLE_MAX = 40;
const TEXT_MAX = 1_000;

/**
 * What a new center starts with, from the regulations in shared/seeds: the greeting names the
 * company and the agent's 工号 (seed 001 三、1), an apology for answering late (rule 1), the
 * transfer to the responsible department (seed 000 第二十一条), checking who is calling, the
 * closing that invites the satisfaction survey (seed 000 第二十三条), and summary wording for
 * each disposition of 0001. Supervisors change them on the board.
 */
const SEEDS: ReadonlyArray<{ category: string; disposition?: string; title: string; text: string }> = [
  { category: 'greeting', title: '标准问候', text: '您好，{companyName}，{agentId}号为您服务，请问有什么可以帮您？' },
  { category: 'greeting', title: '回访问候', text: '您好，这里是{companyName}，我是{agentId}号客服，现就您反映的问题给您回电，请问现在方便吗？' },
  { category: 'verification', title: '核实身份', text: '为了保障您的信息安全，需要先核实一下您的身份，请问您的姓名和预留的联系电话是？' },
  { category: 'verification', title: '确认本人', text: '请问您是{customerName}本人吗？' },
  { category: 'verification', title: '复述确认', text: '跟您确认一下，您反映的问题是……，对吗？' },
  { category: 'transfer', title: '转接相关部门', text: '您的问题需要由相关部门为您办理，现在为您转接，请您稍候，不要挂机。' },
  { category: 'transfer', title: '转接前说明', text: '您的问题我已详细记录，需要转由专业部门处理，我会向他们说明情况，请您稍候。' },
  { category: 'apology', title: '未及时接听', text: '非常抱歉让您久等了！{agentId}号为您服务，请问有什么可以帮您？' },
  { category: 'apology', title: '给您带来不便', text: '非常抱歉给您带来不便，我们会尽快为您处理。' },
  { category: 'closing', title: '邀请满意度评价', text: '感谢您的来电，稍后请您对我的服务做出满意度评价，祝您生活愉快，再见！' },
  { category: 'closing', title: '还有其他问题吗', text: '请问还有其他可以帮您的吗？' },
  { category: 'disposition', disposition: 'inquiry', title: '咨询已解答', text: '客户来电咨询……，已为客户解答，客户表示清楚。' },
  { category: 'disposition', disposition: 'lookup', title: '查询结果', text: '客户来电查询……，已告知查询结果。' },
  { category: 'disposition', disposition: 'complaint', title: '投诉受理', text: '客户{customerName}来电投诉……，已安抚客户情绪并详细记录，承诺在约定时间内回复。' },
  { category: 'disposition', disposition: 'repair', title: '报修受理', text: '客户来电报修……，已登记报修信息，维修人员将尽快与客户联系。' },
  { category: 'disposition', disposition: 'sale', title: '业务办理意向', text: '客户有意办理……，已介绍相关业务及资费。' },
  { category: 'disposition', disposition: 'other', title: '其他来电', text: '客户来电……，已处理。' },
];

/**
 * The standard phrases (标准话术): one row per phrase, in its group (category, and disposition for
 * disposition phrases) by sort order, with the supervisor who last changed it and when (none for
 * a phrase as seeded). `phrase_book` is one row, the book's revision: every change raises it in its
 * own transaction, which also makes concurrent changes take turns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('phrases')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('category', 'text', (col) => col.notNull().check(sql`category in (${sql.join(CATEGORIES.map((category) => sql.lit(category)))})`))
    .addColumn('disposition_code', 'text', (col) => col.references('dispositions.code').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull().check(sql`char_length(title) between 1 and ${sql.lit(TITLE_MAX)}`))
    .addColumn('text', 'text', (col) => col.notNull().check(sql`char_length(text) between 1 and ${sql.lit(TEXT_MAX)}`))
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .addColumn('edited_by', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('edited_at', 'bigint')
    .addCheckConstraint('phrases_disposition_when_disposition', sql`(category = 'disposition') = (disposition_code is not null)`)
    .addCheckConstraint('phrases_edited_whole', sql`(edited_by is null) = (edited_at is null)`)
    .execute();
  await db.schema.createIndex('phrases_by_group').on('phrases').columns(['category', 'disposition_code', 'sort_order']).execute();

  await db.schema
    .createTable('phrase_book')
    .addColumn('id', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('revision', 'bigint', (col) => col.notNull())
    .execute();
  await sql`insert into phrase_book (id, revision) values (true, 1)`.execute(db);

  const sortOrders = new Map<string, number>();
  for (const seed of SEEDS) {
    const group = `${seed.category}/${seed.disposition ?? ''}`;
    const sortOrder = (sortOrders.get(group) ?? 0) + 1;
    sortOrders.set(group, sortOrder);
    // A disposition a center removed or renamed before this migration gets no phrase.
    await sql`
      insert into phrases (id, category, disposition_code, title, text, sort_order)
      select ${uuidv7()}, ${seed.category}, ${seed.disposition ?? null}::text, ${seed.title}, ${seed.text}, ${sortOrder}
      where ${seed.disposition ?? null}::text is null or exists (select 1 from dispositions where code = ${seed.disposition ?? null}::text)
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('phrase_book').execute();
  await db.schema.dropTable('phrases').execute();
}
