// Local previews of picked images before (and while) they upload.

export interface PreviewUrl {
  url: string;
  /** Frees the object URL; call it when the preview leaves the screen. Idempotent. */
  revoke(): void;
}

/** An object URL for an image file, or `null` for other files. */
export function previewUrl(file: File): PreviewUrl | null {
  if (!file.type.toLowerCase().startsWith('image/')) return null;
  const url = URL.createObjectURL(file);
  let revoked = false;
  return {
    url,
    revoke() {
      if (revoked) return;
      revoked = true;
      URL.revokeObjectURL(url);
    },
  };
}
