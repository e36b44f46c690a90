// All tables, one module per area. An area adds its file here with one export line.
export * from './core';
export * from './checkin';
