/* eslint-disable */
// Process-table checks shared by the jest tests and the lab drivers (plain JavaScript: the drivers
// run inside user-mode-linux without ts-node).
'use strict';
const fs = require('fs');

/** Whether process `pid` exists (signal 0 is delivered to nobody, only checked). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return false;
  }
}

/** The parent pid of `pid` (field 4 of /proc/PID/stat, after the parenthesised command). */
function parentOf(pid) {
  return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
}

/** The pids whose parent is `pid`. */
function childrenOf(pid) {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => {
    try {
      return parentOf(p) === pid;
    } catch (e) {
      return false; // exited while listed
    }
  });
}

module.exports = { alive, parentOf, childrenOf };
