/**
 * Exact, compact JSON-safe storage of float32 weights: base64 of the little-endian bytes
 * (5.3 characters per weight against about 12 for a JSON number array).
 */

/** Bytes per String.fromCharCode call: bounded so the argument list never overflows the stack. */
const CHUNK = 0x8000;

export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Inverse of float32ToBase64; throws when the text is not a whole number of float32 values. */
export function base64ToFloat32(text: string): Float32Array {
  const binary = atob(text);
  if (binary.length % 4 !== 0)
    throw new Error('base64 weights: length is not a multiple of 4 bytes');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
