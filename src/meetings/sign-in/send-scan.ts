import type { Response } from 'express';
import type { ScanFile } from './sign-in-scans.service';
import { offerFile } from '../../common/http-answers';

/**
 * Sends a stored scan as a download with the type its bytes were recognised as; `nosniff` keeps
 * browsers from guessing another one, `attachment` from showing it inside the app's origin.
 */
export function sendScan(response: Response, file: ScanFile): void {
  response.status(200);
  response.type(file.mediaType);
  offerFile(response, file.fileName);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  response.end(file.content);
}
