import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { createValidationPipes } from './common/validation.js';

/**
 * Everything main.ts applies to the app; tests apply exactly the same through createTestApp(). `webDir`: the built
 * web app (web/dist), served at `/` — any other GET outside /api gets its index.html (the app routes in the browser).
 */
export function configureApp(app: INestApplication, webDir?: string, corsOrigins: string[] = []): void {
  app.setGlobalPrefix('api');
  app.use(securityHeaders());
  // CORS closed unless origins are named: the web app is served from the API's own origin.
  if (corsOrigins.length > 0) app.enableCors({ origin: corsOrigins, credentials: false, maxAge: 600 });
  // edXML messages (POST /api/exchange/messages) come as XML text; packages carry their attachments in base64.
  (app as NestExpressApplication).useBodyParser('text', { type: ['application/xml', 'text/xml'], limit: '50mb' });
  app.useGlobalPipes(...createValidationPipes());
  app.useGlobalFilters(new HttpErrorFilter());
  const http = app.getHttpAdapter().getInstance() as { set?: (k: string, v: unknown) => void };
  http.set?.('trust proxy', 'loopback');
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) serveWebApp(app as NestExpressApplication, webDir);
  const openApi = new DocumentBuilder()
    .setTitle('congvan API')
    .setDescription('Vietnamese administrative documents from draft to distribution')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
}

/**
 * Security headers (helmet). The content security policy allows only this origin: the web app is bundled (no CDN,
 * system fonts); styles may be inline (React and the BPMN diagram set style attributes), images may be data: or
 * blob: URLs (the diagram, downloads). The API docs (/api/docs, Swagger UI) need inline scripts of their own.
 */
function securityHeaders() {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const docs = helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'no-referrer' } });
  return (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/docs') ? docs(req, res, next) : strict(req, res, next));
}

function serveWebApp(app: NestExpressApplication, webDir: string): void {
  // Hashed assets for a year; index.html never cached (it names the current assets).
  app.useStaticAssets(webDir, {
    index: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const index = path.join(webDir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
