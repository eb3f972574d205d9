import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { RequestRefusedException } from '../../common/error-body';
import type { AppConfig } from '../../config/app-config';
import { markUploadRoute, uploadRefusal } from '../../common/web/upload-refusals';

/** The routes that receive a scanned sheet (multipart, field `file`). */
export const SCAN_UPLOAD_ROUTES = ['api/meetings/:id/sign-in-scans', 'meetings/:id/sign-in/scans'];

/**
 * Reads the upload into memory, at most SIGN_IN_SCAN_MAX_MB: the database takes the bytes as one
 * value anyway, and the limit bounds what a request may hold. Multer stops reading the file at the
 * limit and drains the rest of the body, so an oversize upload gets its 413 without a hang. Run as
 * middleware, before the global guard, so that the page form's `_csrf` field is checked like any
 * form's (as the partners' CSV import does).
 */
export function scanUploadMiddleware(config: AppConfig) {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send file names in UTF-8 ("Feuille émargement.pdf"), not multer's default latin1.
    defParamCharset: 'utf8',
    limits: { fileSize: config.signInScanMaxBytes, files: 1, fields: 5, fieldSize: 1024 },
  }).single('file');
  const max = Math.round(config.signInScanMaxBytes / (1024 * 1024));
  return (request: Request, response: Response, next: NextFunction) => {
    markUploadRoute(request);
    // Nobody who could be signed in: the guard answers 401 without the body being read first.
    const session = (request as Request & { session?: { userId?: number } }).session;
    if (!request.headers.authorization && !session?.userId) return next();
    upload(request, response, (error: unknown) => {
      if (!error) return next();
      next(
        uploadRefusal(
          error,
          'file',
          () =>
            new RequestRefusedException(
              413,
              { key: 'errors.signIn.scanTooLarge', params: { max } },
              'file',
            ),
        ),
      );
    });
  };
}
