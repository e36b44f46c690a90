// All tables, one module per area. An area adds its file here with one export line.
export * from './core';
export * from './seal';
export * from './sync';
export * from './plan';
export * from './draw';
export * from './checkin';
export * from './incidents';
export * from './scoring';
export * from './results';
export * from './records';
export * from './backup';
export * from './devices';
export * from './cardreader';
