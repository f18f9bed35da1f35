// Preloaded into dynalite (node --require) by the Java side that starts it: our stdin is a pipe whose other end
// only our parent holds, so its end-of-file means the parent is gone, however it died (SIGKILL included).
// Exiting then releases the data dir's LevelDB lock for the next server. The same on Linux, macOS and Windows.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
