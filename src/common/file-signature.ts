/** The kinds of uploaded file Maillage keeps (scanned sign-in sheets, the agency's logo). */
export type FileKind = 'pdf' | 'jpeg' | 'png';

export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

const SIGNATURES: Array<[FileKind, number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/**
 * What a file is, read from its first bytes (its name and the browser's declared type are what
 * the sender says; a renamed executable keeps its own signature). Undefined when it is none of
 * the kinds accepted.
 */
export function fileKindOf(bytes: Uint8Array): FileKind | undefined {
  for (const [kind, signature] of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte))
      return kind;
  }
  return undefined;
}
