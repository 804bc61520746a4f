import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { mintSipCredentials } from '../server/sip-credentials';
import type { CallerConfig } from './caller/caller-config';

export interface CallerHostOptions {
  /** The built caller page (dist/caller). */
  pageDir: string;
  wsServer: string;
  domain: string;
  secret: string;
  port?: number;
}

export interface RunningCallerHost {
  /** The page of a caller with the given number, e.g. `callerUrl('13812345678')`. */
  callerUrl(number: string): string;
  url: string;
  close(): Promise<void>;
}

const CALLER_NUMBER = /^\+?\d{3,20}$/;
const CREDENTIAL_TTL_MS = 12 * 60 * 60_000;
export const DEFAULT_CALLER_NUMBER = '13812345678';

/**
 * Serves the caller simulator: `/caller/<number>/` is a caller with that number, and its
 * `config.json` carries fresh SIP credentials for that number, minted with the lab's secret.
 */
export async function startCallerHost(options: CallerHostOptions): Promise<RunningCallerHost> {
  if (!existsSync(options.pageDir)) throw new Error(`the caller page is not built (${options.pageDir}): run \`npm run build\``);
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, { root: options.pageDir, serve: false });

  app.get('/', async (_request, reply) => reply.redirect(`/caller/${DEFAULT_CALLER_NUMBER}/`));
  app.get<{ Params: { number: string } }>('/caller/:number/config.json', async (request, reply) => {
    const { number } = request.params;
    if (!CALLER_NUMBER.test(number)) return reply.code(400).send({ error: 'a caller number is digits' });
    const credentials = mintSipCredentials(options.secret, number, Date.now() + CREDENTIAL_TTL_MS);
    const config: CallerConfig = {
      wsServer: options.wsServer,
      domain: options.domain,
      user: number,
      displayName: `客户 ${number}`,
      authorizationUsername: credentials.username,
      authorizationPassword: credentials.password,
    };
    return reply.header('Cache-Control', 'no-store').send(config);
  });
  app.get<{ Params: { number: string; '*': string } }>('/caller/:number/*', async (request, reply) => {
    return reply.sendFile(request.params['*'] || 'index.html');
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('caller host has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    callerUrl: (number) => `${url}/caller/${encodeURIComponent(number)}/`,
    close: () => app.close(),
  };
}
