// The door's camera: getUserMedia in the renderer (no native module), the chosen device
// remembered on this PC, a compressed JPEG capture, and QR decoding from the live picture (jsQR).
import type jsQRType from 'jsqr';

// the QR decoder loads the first time the QR reader is switched on, not with the door
let jsQR: typeof jsQRType | null = null;
let jsQRLoading: Promise<unknown> | null = null;
function qrDecoder(): typeof jsQRType | null {
  jsQRLoading ??= import('jsqr').then((m) => {
    jsQR = m.default;
  });
  return jsQR;
}
import { useCallback, useEffect, useRef, useState } from 'react';

const CAMERA_KEY = 'esc.door.camera';
export const NO_CAMERA = 'none';

export type CameraState = { kind: 'starting' } | { kind: 'live' } | { kind: 'off' } | { kind: 'insecure' } | { kind: 'error'; reason: string };

export interface Capture {
  jpegBase64: string;
  width: number;
  height: number;
}

/** Door photos: 320 px wide JPEG at quality 0.7, a few tens of KB. */
const CAPTURE_WIDTH = 320;
const JPEG_QUALITY = 0.7;

export function useCamera() {
  const videoEl = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  /**
   * The <video>'s ref. A callback, not an object: the camera may answer before the page has drawn
   * its <video> (the door waits for its data first); whenever the element appears it gets the stream.
   */
  const videoRef = useCallback((el: HTMLVideoElement | null) => {
    videoEl.current = el;
    if (el && streamRef.current && el.srcObject !== streamRef.current) {
      el.srcObject = streamRef.current;
      void el.play().catch(() => undefined);
    }
  }, []);
  const [deviceId, setDeviceIdState] = useState<string>(() => localStorage.getItem(CAMERA_KEY) ?? '');
  const [devices, setDevices] = useState<{ deviceId: string; label: string }[]>([]);
  const [state, setState] = useState<CameraState>({ kind: 'starting' });

  const setDeviceId = useCallback((id: string) => {
    localStorage.setItem(CAMERA_KEY, id);
    setDeviceIdState(id);
  }, []);

  useEffect(() => {
    let cancelled = false;
    const stop = () => {
      streamRef.current?.getTracks().forEach((t) => t.stop());
      streamRef.current = null;
      if (videoEl.current) videoEl.current.srcObject = null;
    };
    if (deviceId === NO_CAMERA) {
      setState({ kind: 'off' });
      return stop;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ kind: 'insecure' });
      return stop;
    }
    setState({ kind: 'starting' });
    const open = async () => {
      let stream: MediaStream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true, audio: false });
      } catch (e) {
        // the remembered camera may be unplugged: fall back to any camera
        if (!deviceId) throw e;
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      }
      if (cancelled) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      streamRef.current = stream;
      if (videoEl.current) {
        videoEl.current.srcObject = stream;
        await videoEl.current.play().catch(() => undefined);
      }
      const all = await navigator.mediaDevices.enumerateDevices();
      if (cancelled) return;
      setDevices(all.filter((d) => d.kind === 'videoinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `#${i + 1}` })));
      setState({ kind: 'live' });
    };
    open().catch((e: unknown) => {
      if (!cancelled) setState({ kind: 'error', reason: e instanceof Error ? e.name || e.message : String(e) });
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [deviceId]);

  /** A compressed still from the live picture, or null when there is none. */
  const capture = useCallback((): Capture | null => {
    const v = videoEl.current;
    if (!v || !streamRef.current || v.videoWidth === 0) return null;
    const width = Math.min(CAPTURE_WIDTH, v.videoWidth);
    const height = Math.round((v.videoHeight / v.videoWidth) * width);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(v, 0, 0, width, height);
    const url = canvas.toDataURL('image/jpeg', JPEG_QUALITY);
    return { jpegBase64: url.slice(url.indexOf(',') + 1), width, height };
  }, []);

  const stateRef = useRef<CameraState>(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  /**
   * The still, waiting up to `ms` for a camera that is still starting: a proctor who confirms the
   * moment the screen opens gets the photo, not a "no photo: give a reason" prompt.
   */
  const captureWhenReady = useCallback(
    async (ms = 4000): Promise<Capture | null> => {
      const deadline = Date.now() + ms;
      for (;;) {
        const still = capture();
        const waiting = stateRef.current.kind === 'starting' || stateRef.current.kind === 'live';
        if (still || !waiting || Date.now() >= deadline) return still;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    [capture],
  );

  /** Reads a QR code from the current frame (jsQR), or null. */
  const readQr = useCallback((): string | null => {
    const decode = qrDecoder();
    const v = videoEl.current;
    if (!decode || !v || v.videoWidth === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(v, 0, 0);
    const img = g.getImageData(0, 0, canvas.width, canvas.height);
    return decode(img.data, img.width, img.height)?.data ?? null;
  }, []);

  return { videoRef, deviceId, setDeviceId, devices, state, capture, captureWhenReady, readQr };
}
