// Minimal dictation: records with MediaRecorder and sends `input.transcribe`. Replaced by the full
// implementation when it lands.
export function startDictation(args: {
  request: (body: { type: string; params: Record<string, unknown> }) => Promise<unknown>;
  mimeType?: string;
}): { stop(): Promise<string>; cancel(): void } {
  const chunks: Blob[] = [];
  let recorder: MediaRecorder | undefined;
  let stream: MediaStream | undefined;
  const started = navigator.mediaDevices.getUserMedia({ audio: true }).then((s) => {
    stream = s;
    recorder = new MediaRecorder(s, args.mimeType ? { mimeType: args.mimeType } : undefined);
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.start();
  });
  const release = () => stream?.getTracks().forEach((t) => t.stop());
  return {
    async stop() {
      await started;
      const r = recorder!;
      await new Promise<void>((resolve) => {
        r.onstop = () => resolve();
        r.stop();
      });
      release();
      const blob = new Blob(chunks, { type: r.mimeType });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const result = (await args.request({
        type: 'input.transcribe',
        params: { audio_base64: btoa(binary), mime_type: r.mimeType.split(';')[0] },
      })) as { text?: string };
      return result.text ?? '';
    },
    cancel() {
      void started.then(() => recorder?.stop());
      release();
    },
  };
}
