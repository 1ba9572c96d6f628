// Standard base64 (with padding) of binary data, as `input.transcribe` expects (docs/protocol.md
// §2.16). Chunked so long recordings do not overflow the argument limit of fromCharCode.

const CHUNK = 0x8000;

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}
