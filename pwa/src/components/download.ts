// Save a file the app made (an export, a CV) through a temporary link.

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download; the address is not needed any more.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "zelf-aan-het-werk-2024-05-01.json": a name that says what and when. */
export function datedName(prefix: string, extension: string, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return `${prefix}-${day}.${extension}`;
}
