// The signed-in shell's page for a path: the pairing QR's address (#/pair?code=…&fp=…) opened on a
// tablet that is already signed in finds the pairing page, not "no such page".
import { describe, expect, it } from 'vitest';
import { routeFor } from '../../renderer/src/routes';

describe('routeFor', () => {
  it('finds a page by its path, the longest prefix winning', () => {
    expect(routeFor('/devices')?.path).toBe('/devices');
    expect(routeFor('/door/room/3/7')?.path).toBe('/door');
    expect(routeFor('/nowhere')).toBeUndefined();
  });

  it('finds a page whose address carries parameters after ?', () => {
    expect(routeFor('/pair?code=ABCDEFGHJK&fp=00FF')?.path).toBe('/pair');
    expect(routeFor('/devices?x=1')?.path).toBe('/devices');
  });
});
