import { fileKindOf } from './file-signature';

describe('fileKindOf', () => {
  it('reads the kind from the bytes', () => {
    expect(fileKindOf(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(fileKindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(fileKindOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'png',
    );
  });

  it('refuses anything else, whatever it would be called', () => {
    expect(fileKindOf(Buffer.from('MZ\x90\x00\x03'))).toBeUndefined(); // a Windows executable
    expect(fileKindOf(Buffer.from('\x7fELF\x02\x01'))).toBeUndefined();
    expect(fileKindOf(Buffer.from('%PD'))).toBeUndefined(); // too short to be sure
    expect(fileKindOf(Buffer.alloc(0))).toBeUndefined();
  });
});
