import { useEffect, useState } from 'react';

/** Hash routes (#/audit): the page is one file in Electron and in the browser alike. */
export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

/** A hash path's page and the parameters after '?' that are the page's own (#/pair?code=…, #/enrol?staffNo=…). */
export function splitPath(path: string): { page: string; params: URLSearchParams } {
  const [page = '', query = ''] = path.split('?');
  return { page, params: new URLSearchParams(query) };
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}
