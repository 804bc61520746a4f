import {
  alertAckResponseSchema,
  alertListSchema,
  attendanceMonthReportSchema,
  calendarEntryResponseSchema,
  calendarRemovedResponseSchema,
  calendarYearSchema,
  dayReportSchema,
  type CalendarEntry,
  type CalendarEntryRequest,
  type AttendanceMonthReport,
  type DayReport,
  apiErrorSchema,
  boardLoginResponseSchema,
  boardSeatsSchema,
  supervisorActionResponseSchema,
  endSessionResponseSchema,
  type Alert,
  type SupervisorAction,
  type SupervisorActionRequest,
  type BoardLoginRequest,
  type BoardLoginResponse,
  type BoardSeats,
  phraseBookResponseSchema,
  phraseChangeSchema,
  phraseOrderResponseSchema,
  type PhraseBook,
  type PhraseBookResponse,
  type PhraseChange,
  type PhraseOrderRequest,
  type PhraseRequest,
  handoverListSchema,
  promiseListSchema,
  type Handover,
  type PromiseRecord,
  ticketListSchema,
  ticketResponseSchema,
  type Ticket,
  type TicketAssignRequest,
  type TicketCloseRequest,
  type TicketReplyRequest,
} from '../../src/contract';

/** A refusal or failure of the server, by the code the UI translates (`unreachable`, `bad-reply` or the server's own). */
export class BoardApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'BoardApiError';
  }
}

async function call<T>(path: string, schema: { parse(input: unknown): T }, init: RequestInit & { token?: string }): Promise<T> {
  // Only with a body: the server refuses an empty body declared as JSON (a DELETE has none).
  const headers: Record<string, string> = init.body === undefined ? {} : { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    throw new BoardApiError('unreachable', error instanceof Error ? error.message : String(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new BoardApiError('bad-reply', `the server's answer (${response.status}) is not JSON`, response.status);
  }
  if (!response.ok) {
    const refusal = apiErrorSchema.safeParse(body);
    throw new BoardApiError(refusal.success ? refusal.data.error.code : 'bad-reply', refusal.success ? refusal.data.error.message : `HTTP ${response.status}`, response.status);
  }
  try {
    return schema.parse(body);
  } catch {
    throw new BoardApiError('bad-reply', `the server's answer to ${path} is not the protocol`, response.status);
  }
}

/** The board's HTTP calls to the server it was served from (src/contract/board.ts). */
export const boardApi = {
  login: (login: BoardLoginRequest): Promise<BoardLoginResponse> => call('/v1/board/login', boardLoginResponseSchema, { method: 'POST', body: JSON.stringify(login) }),
  logout: (token: string): Promise<unknown> => call('/v1/board/logout', { parse: (input) => input }, { method: 'POST', body: '{}', token }),
  seats: (token: string): Promise<BoardSeats> => call('/v1/board/seats', boardSeatsSchema, { method: 'GET', token }),
  alerts: async (token: string, date: string): Promise<Alert[]> => (await call(`/v1/board/alerts?date=${encodeURIComponent(date)}`, alertListSchema, { method: 'GET', token })).alerts,
  act: async (token: string, agentId: string, action: SupervisorActionRequest): Promise<SupervisorAction> =>
    (await call(`/v1/board/agents/${encodeURIComponent(agentId)}/actions`, supervisorActionResponseSchema, { method: 'POST', body: JSON.stringify(action), token })).action,
  endSession: (token: string, agentId: string): Promise<unknown> =>
    call(`/v1/agents/${encodeURIComponent(agentId)}/session/end`, endSessionResponseSchema, { method: 'POST', body: '{}', token }),
  dayReport: (token: string, date: string): Promise<DayReport> => call(`/v1/board/reports/day?date=${encodeURIComponent(date)}`, dayReportSchema, { method: 'GET', token }),
  attendanceMonth: (token: string, month: string): Promise<AttendanceMonthReport> =>
    call(`/v1/board/reports/attendance?month=${encodeURIComponent(month)}`, attendanceMonthReportSchema, { method: 'GET', token }),
  attendanceCsv: async (token: string, month: string): Promise<Blob> => {
    const response = await fetch(`/v1/board/reports/attendance?month=${encodeURIComponent(month)}&format=csv`, { headers: { authorization: `Bearer ${token}` } }).catch((error: unknown) => {
      throw new BoardApiError('unreachable', error instanceof Error ? error.message : String(error));
    });
    if (!response.ok) throw new BoardApiError('bad-reply', `HTTP ${response.status}`, response.status);
    return response.blob();
  },
  calendar: async (token: string, year: string): Promise<CalendarEntry[]> =>
    (await call(`/v1/board/calendar?year=${encodeURIComponent(year)}`, calendarYearSchema, { method: 'GET', token })).entries,
  setCalendarEntry: async (token: string, date: string, entry: CalendarEntryRequest): Promise<CalendarEntry> =>
    (await call(`/v1/board/calendar/${encodeURIComponent(date)}`, calendarEntryResponseSchema, { method: 'PUT', body: JSON.stringify(entry), token })).entry,
  removeCalendarEntry: async (token: string, date: string): Promise<CalendarEntry> =>
    (await call(`/v1/board/calendar/${encodeURIComponent(date)}`, calendarRemovedResponseSchema, { method: 'DELETE', token })).removed,
  phrases: (token: string): Promise<PhraseBookResponse> => call('/v1/phrases', phraseBookResponseSchema, { method: 'GET', token }),
  createPhrase: (token: string, phrase: PhraseRequest): Promise<PhraseChange> => call('/v1/board/phrases', phraseChangeSchema, { method: 'POST', body: JSON.stringify(phrase), token }),
  updatePhrase: (token: string, id: string, phrase: PhraseRequest): Promise<PhraseChange> =>
    call(`/v1/board/phrases/${encodeURIComponent(id)}`, phraseChangeSchema, { method: 'PUT', body: JSON.stringify(phrase), token }),
  deletePhrase: (token: string, id: string): Promise<PhraseChange> => call(`/v1/board/phrases/${encodeURIComponent(id)}`, phraseChangeSchema, { method: 'DELETE', token }),
  reorderPhrases: async (token: string, order: PhraseOrderRequest): Promise<PhraseBook> =>
    (await call('/v1/board/phrases/order', phraseOrderResponseSchema, { method: 'PUT', body: JSON.stringify(order), token })).book,
  openTickets: async (token: string): Promise<Ticket[]> => (await call('/v1/board/tickets?view=open', ticketListSchema, { method: 'GET', token })).tickets,
  ticketsOfDay: async (token: string, date: string): Promise<Ticket[]> =>
    (await call(`/v1/board/tickets?view=day&date=${encodeURIComponent(date)}`, ticketListSchema, { method: 'GET', token })).tickets,
  assignTicket: async (token: string, id: string, request: TicketAssignRequest): Promise<Ticket> =>
    (await call(`/v1/board/tickets/${encodeURIComponent(id)}/assign`, ticketResponseSchema, { method: 'POST', body: JSON.stringify(request), token })).ticket,
  replyToTicket: async (token: string, id: string, request: TicketReplyRequest): Promise<Ticket> =>
    (await call(`/v1/board/tickets/${encodeURIComponent(id)}/reply`, ticketResponseSchema, { method: 'POST', body: JSON.stringify(request), token })).ticket,
  closeTicket: async (token: string, id: string, request: TicketCloseRequest): Promise<Ticket> =>
    (await call(`/v1/board/tickets/${encodeURIComponent(id)}/close`, ticketResponseSchema, { method: 'POST', body: JSON.stringify(request), token })).ticket,
  openPromises: async (token: string): Promise<PromiseRecord[]> => (await call('/v1/board/promises', promiseListSchema, { method: 'GET', token })).promises,
  pendingHandovers: async (token: string): Promise<Handover[]> => (await call('/v1/board/handovers?view=pending', handoverListSchema, { method: 'GET', token })).handovers,
  handoversOfDay: async (token: string, date: string): Promise<Handover[]> =>
    (await call(`/v1/board/handovers?view=day&date=${encodeURIComponent(date)}`, handoverListSchema, { method: 'GET', token })).handovers,
  acknowledge: async (token: string, id: string): Promise<Alert> =>
    (await call(`/v1/board/alerts/${encodeURIComponent(id)}/ack`, alertAckResponseSchema, { method: 'POST', body: '{}', token })).alert,
};
