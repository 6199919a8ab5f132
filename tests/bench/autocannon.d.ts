// autocannon ships no types; the benchmark uses a small part of it (load.ts).
declare module 'autocannon';
