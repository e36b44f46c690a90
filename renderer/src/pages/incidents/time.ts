// Site-local HH:mm on the session's date → ISO with the session's offset (the form's time field).
export function isoAt(sessionStartsAt: string, hhmm: string): string {
  const offset = /([+-]\d{2}:?\d{2}|Z)$/.exec(sessionStartsAt)?.[1] ?? 'Z';
  return `${sessionStartsAt.slice(0, 10)}T${hhmm}:00${offset}`;
}
