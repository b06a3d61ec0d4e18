import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { createValidationPipe } from './common/validation.js';

/** Everything main.ts applies to the app; tests apply exactly the same through createTestApp(). */
export function configureApp(app: INestApplication): void {
  app.setGlobalPrefix('api');
  // edXML messages (POST /api/exchange/messages) come as XML text; packages carry their attachments in base64.
  (app as NestExpressApplication).useBodyParser('text', { type: ['application/xml', 'text/xml'], limit: '50mb' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  const http = app.getHttpAdapter().getInstance() as { set?: (k: string, v: unknown) => void };
  http.set?.('trust proxy', 'loopback');
  const openApi = new DocumentBuilder()
    .setTitle('congvan API')
    .setDescription('Vietnamese administrative documents from draft to distribution')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
}
