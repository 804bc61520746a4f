import type { Database } from 'better-sqlite3';
import { HistoryIndex } from '../../main/store/history-index';

/**
 * A desk database full of calls, for the history benchmark and the end-to-end search: a year of
 * one agent's calls (and a few of another agent's, who shared the seat), most with a saved
 * wrap-up in Chinese, many with a survey result, from mobile and fixed-line numbers, a part of
 * them repeat callers. Written straight into the tables with prepared statements in one
 * transaction (the repositories check and queue every record, which a million calls do not need),
 * then indexed by the desk's own HistoryIndex.rebuild, as a migrated file would be.
 * Deterministic for a seed.
 */

export interface GeneratedHistoryOptions {
  agentId: string;
  calls: number;
  seed: number;
  /** The newest call is offered shortly before this. */
  endsAt: number;
  /** Mean time between two offers. */
  spacingMs: number;
}

/** A call as it was written, for choosing searches that find something. */
export interface GeneratedCall {
  callId: string;
  agentId: string;
  offeredAt: number;
  remoteNumber: string;
  customerName: string;
  summary: string;
  disposition: string | null;
  direction: 'inbound' | 'outbound';
  rating: string | null;
}

export interface GeneratedHistory {
  /** Every `sampleEvery`-th call written. */
  sample: GeneratedCall[];
  /** The words the summaries are made of. */
  summaryWords: readonly string[];
  writeMs: number;
  indexMs: number;
}

export const GENERATED_DISPOSITIONS = ['inquiry', 'lookup', 'complaint', 'repair', 'sale', 'other'] as const;
export const OTHER_AGENT = '1099';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宇浩然子轩欣怡梓涵一诺雨彤思远嘉怡俊杰文博天宇晨曦佳琪雅婷海燕丹凤春梅秋菊冬雪晓东立新永福德才'];
const SUMMARY_WORDS = [
  '宽带断线', '已登记报修', '客户咨询', '套餐资费', '话费账单', '查询余额', '投诉网速慢', '路由器故障', '上门安装', '预约维修', '退款申请',
  '已解决', '待回访', '信号不好', '光猫重启', '号码过户', '停机保号', '流量超额', '国际漫游', '发票补开', '积分兑换', '营业厅地址',
  '密码重置', '实名认证', '携号转网', '合约到期', '宽带续费', '电视点播', '故障单号', '客户满意', '情绪激动', '已致歉', '升级处理',
  'router', 'modem', 'refund', 'invoice', 'roaming', 'password', 'upgrade',
];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '158', '159', '166', '177', '180', '181', '186', '187', '188', '189', '199'];
const AREA_CODES = ['010', '021', '020', '0571', '0755', '028'];
const RATINGS = ['satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'neutral', 'neutral', 'dissatisfied', 'none'] as const;

/** A fast seeded generator (mulberry32): the same store for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A UUID-shaped id (the version 7 layout) from the offer time and the generator, without the cost of crypto. */
function callIdAt(offeredAt: number, random: () => number): string {
  const hex = (digits: number) => Math.floor(random() * 16 ** digits).toString(16).padStart(digits, '0');
  const time = offeredAt.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

export function writeGeneratedHistory(db: Database, options: GeneratedHistoryOptions, sampleEvery = 1_000): GeneratedHistory {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const freshNumber = () => (random() < 0.85 ? `${pick(MOBILE_PREFIXES)}${digits(8)}` : `${pick(AREA_CODES)}${digits(8)}`);
  // A tenth of the callers call again and again.
  const regulars = Array.from({ length: Math.max(1, Math.floor(options.calls / 200)) }, freshNumber);
  const insertCall = db.prepare(`
    INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, answered_at, ended_at, rings_at_answer, end_reason, survey, survey_skip_reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertWrapUp = db.prepare(`
    INSERT INTO wrap_ups (id, call_id, agent_id, status, disposition, summary, customer_name, customer_contact, resolved, promised_reply_at, updated_at, saved_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertRating = db.prepare('INSERT INTO survey_results (call_id, id, agent_id, rating, rated_at, received_at) VALUES (?, ?, ?, ?, ?, ?)');

  const sample: GeneratedCall[] = [];
  const written = performance.now();
  db.transaction(() => {
    let offeredAt = options.endsAt - options.calls * options.spacingMs;
    for (let index = 0; index < options.calls; index++) {
      // Now and then two calls in the same millisecond (two seats' calls on one store): the history orders them by id.
      if (random() > 0.001) offeredAt += 1 + Math.floor(random() * 2 * options.spacingMs);
      const agentId = random() < 0.05 ? OTHER_AGENT : options.agentId;
      const callId = callIdAt(offeredAt, random);
      const direction = random() < 0.85 ? 'inbound' : 'outbound';
      const remoteNumber = random() < 0.3 ? pick(regulars) : freshNumber();
      const answered = random() < 0.95;
      const answeredAt = answered ? offeredAt + 1_000 + Math.floor(random() * 12_000) : null;
      const endedAt = (answeredAt ?? offeredAt + 15_000) + (answered ? 20_000 + Math.floor(random() * 400_000) : 0);
      const survey = !answered ? null : random() < 0.7 ? 'transferred' : random() < 0.2 ? 'skipped' : null;
      insertCall.run(
        callId, agentId, direction, remoteNumber, random() < 0.2 ? `${pick(SURNAMES)}${pick(GIVEN)}` : '', offeredAt, answeredAt, endedAt,
        answered ? 1 + Math.floor(random() * 3) : null, answered ? 'remote-hangup' : 'missed', survey, survey === 'skipped' ? '客户要求直接挂断' : null,
      );
      let customerName = '';
      let summary = '';
      let disposition: string | null = null;
      if (answered && random() < 0.93) {
        const saved = random() < 0.97;
        disposition = pick(GENERATED_DISPOSITIONS);
        customerName = `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.6 ? pick(GIVEN) : ''}`;
        summary = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(SUMMARY_WORDS)).join(random() < 0.5 ? '，' : ' ');
        const resolved = random() < 0.8;
        const contact = random() < 0.7 ? groupedForContact(remoteNumber) : freshNumber();
        insertWrapUp.run(
          callIdAt(endedAt, random), callId, agentId, saved ? 'saved' : 'draft', disposition, summary, customerName, contact,
          resolved ? 1 : 0, resolved ? null : endedAt + 86_400_000, endedAt + 30_000, saved ? endedAt + 30_000 : null,
        );
      }
      let rating: string | null = null;
      if (survey === 'transferred' && random() < 0.85) {
        rating = pick(RATINGS);
        insertRating.run(callId, callIdAt(endedAt + 60_000, random), agentId, rating, endedAt + 40_000, endedAt + 41_000);
      }
      if (index % sampleEvery === sampleEvery - 1) sample.push({ callId, agentId, offeredAt, remoteNumber, customerName, summary, disposition, direction, rating });
    }
  }).immediate();
  const indexed = performance.now();
  new HistoryIndex(db).rebuild();
  return { sample, summaryWords: SUMMARY_WORDS, writeMs: indexed - written, indexMs: performance.now() - indexed };
}

/** How an agent types a callback number into the wrap-up: mobiles 3-4-4, fixed lines as dialled. */
function groupedForContact(number: string): string {
  return /^1\d{10}$/.test(number) ? `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}` : number;
}
