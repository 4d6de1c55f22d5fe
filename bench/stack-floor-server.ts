/**
 * The STACK FLOOR for `POST /v1/resolutions` of a bound user: the stack the design card fixes,
 * doing nothing but the work itself. NestJS on Fastify, one controller behind `@nestjs/passport`'s
 * `AuthGuard` with a passport-jwt strategy (jsonwebtoken with a cached `KeyObject` per `kid`, as
 * the service runs it, with the same checks: algorithm allow-list, issuer, audience, 30 s skew),
 * TypeORM's `DataSource` (pg pool of the same size) running the service's one-statement bound
 * resolution as the same named prepared statement with the same audit row, answering the same
 * JSON. No validation pipe, no error catalogue, no logging, no metrics, no security headers, no
 * rate limits, no sessions, no audit sealer, no other module.
 *
 * What it answers: how much of the distance between the bare floor (bench/floor-server.ts) and
 * the service is the fixed stack itself (framework, passport, ORM, their module graph in memory),
 * and how much is ours. Run by `npm run bench` as a child process; configured by the FLOOR_*
 * variables of the floor; prints "listening on http://…" on stderr.
 */
import 'reflect-metadata';
import { Controller, HttpCode, Injectable, Ip, Module, Post, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { auditRow } from '../src/audit/audit-row';
import { requestIdOf } from '../src/common/http/request-id';
import { BOUND_RESOLUTION_QUERY, boundResolutionValues, BoundResolutionRow } from '../src/identity-claims/bound-resolution.query';
import { resolutionAuditEvent } from '../src/identity-claims/resolution-audit';
import { RESOLUTION_MESSAGES } from '../src/identity-claims/resolution-messages';
import { floorEnvironment } from './lib/floor-env';
import { allowedHeader, KidKeyStore } from './lib/verifiers';

const settings = floorEnvironment();
const { issuer, audience, algorithms } = settings;
const allowed = new Set(algorithms);
const keys = new KidKeyStore(settings.jwksUri, settings.jwksCooldownMs);
const BOUND_TEMPLATE = RESOLUTION_MESSAGES.BOUND.zh;

interface Principal { readonly subject: string; readonly userType: string; readonly uscc?: string; readonly name?: string }

@Injectable()
class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor() {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken takes a KeyObject; passport-jwt's types still say string | Buffer.
      secretOrKeyProvider: (_request: unknown, rawToken: string, done: (error: unknown, key?: string) => void) => {
        let kid: string | undefined;
        try {
          kid = allowedHeader(rawToken, allowed).kid;
        } catch (error) {
          done(error);
          return;
        }
        keys.keyFor(kid).then((key) => done(null, key as unknown as string), (error: unknown) => done(error));
      },
      issuer,
      audience,
      algorithms: algorithms as never,
      jsonWebTokenOptions: { clockTolerance: settings.clockToleranceSeconds },
    });
  }

  validate(payload: Record<string, unknown>): Principal {
    const text = (claim: string) => (typeof payload[claim] === 'string' ? (payload[claim] as string) : undefined);
    const subject = text('sub');
    const userType = text('user_type');
    if (!subject || !userType) throw new UnauthorizedException();
    return { subject, userType, uscc: text('uscc'), name: text('name') };
  }
}

@Controller('v1')
class ResolutionsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('resolutions')
  @HttpCode(200)
  @UseGuards(AuthGuard('jwt'))
  async resolve(@Req() request: { user: Principal; raw: Parameters<typeof requestIdOf>[0] }, @Ip() clientIp: string): Promise<unknown> {
    const user = request.user;
    const requestId = requestIdOf(request.raw);
    const principal = { issuer, subject: user.subject, userType: user.userType as 'legal_person' };
    const { targetId: _target, ...audit } = auditRow(resolutionAuditEvent(principal, { requestId, clientIp }, 'BOUND', null));
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query<BoundResolutionRow>({
      name: BOUND_RESOLUTION_QUERY.name,
      text: BOUND_RESOLUTION_QUERY.text,
      values: boundResolutionValues(principal, { userType: user.userType, claimedUscc: user.uscc, claimedName: user.name }, audit),
    });
    const row = result.rows[0];
    if (!row || !row.audited) throw new UnauthorizedException('NOT_A_RETURNING_BOUND_USER');
    return {
      status: 'BOUND',
      message: BOUND_TEMPLATE.replace('{organizationName}', row.name),
      organization: { id: row.organization_id, name: row.name, uscc: row.uscc, type: row.type, status: row.status, authorityCode: row.authority_code, divisionCode: row.division_code },
      binding: { id: row.binding_id, kind: row.binding_kind, since: row.binding_since.toISOString() },
    };
  }
}

@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: settings.databaseUrl,
      poolSize: settings.poolSize,
      extra: { statement_timeout: settings.statementTimeoutMs, application_name: 'orgbind-stack-floor' },
      entities: [],
      synchronize: false,
      migrationsRun: false,
    }),
  ],
  controllers: [ResolutionsController],
  providers: [JwtStrategy],
})
class StackFloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(StackFloorModule, new FastifyAdapter({ keepAliveTimeout: 30_000 }), { logger: false });
  app.enableShutdownHooks();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  process.stderr.write(`stack floor server listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`stack floor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
