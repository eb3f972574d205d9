import type { EntityManager } from 'typeorm';
import { SignInScan } from './sign-in-scan.entity';

/** The statements of scanned sign-in sheets; the rules that use them are in SignInScansService. */

/** What a list shows of a scan: everything but its bytes. */
export type ScanSummary = Omit<SignInScan, 'content' | 'meeting'>;

/** The meeting's scans, oldest first, without their bytes. One statement. */
export function scansOfMeeting(manager: EntityManager, meetingId: number): Promise<ScanSummary[]> {
  return manager
    .getRepository(SignInScan)
    .find({ where: { meetingId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
}

/** One scan of the meeting with its bytes, or null (another meeting's scan is not found). */
export function scanWithContent(
  manager: EntityManager,
  meetingId: number,
  scanId: number,
): Promise<SignInScan | null> {
  return manager
    .getRepository(SignInScan)
    .createQueryBuilder('s')
    .addSelect('s.content')
    .where('s.id = :scanId AND s.meeting_id = :meetingId', { scanId, meetingId })
    .getOne();
}

/** One scan of the meeting without its bytes, or null. */
export function scanOfMeeting(
  manager: EntityManager,
  meetingId: number,
  scanId: number,
): Promise<ScanSummary | null> {
  return manager.getRepository(SignInScan).findOneBy({ id: scanId, meetingId });
}

/** Stores a scan and returns its id. */
export async function insertScan(
  manager: EntityManager,
  scan: Omit<SignInScan, 'id' | 'meeting'>,
): Promise<number> {
  const result = await manager.getRepository(SignInScan).insert(scan);
  return (result.identifiers[0] as { id: number }).id;
}

export async function deleteScan(manager: EntityManager, scanId: number): Promise<void> {
  await manager.getRepository(SignInScan).delete({ id: scanId });
}
