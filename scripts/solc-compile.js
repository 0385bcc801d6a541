// Compiles every *.sol of a directory with solc-js (standard JSON, fixed settings) and writes
// <Contract>.abi.json and <Contract>.bin (creation bytecode, hex without 0x) for each contract.
// Usage: node solc-compile.js <expected solc version> <source dir> <output dir>
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [expected, srcDir, outDir] = process.argv.slice(2);
const version = solc.version();
if (!version.startsWith(expected + '+')) {
  console.error(`solc-compile: expected solc ${expected}, found ${version}`);
  process.exit(1);
}
const sources = {};
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  console.error(e.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(output.contracts).sort()) {
  for (const name of Object.keys(output.contracts[file]).sort()) {
    const c = output.contracts[file][name];
    fs.writeFileSync(path.join(outDir, `${name}.abi.json`), JSON.stringify(c.abi, null, 2) + '\n');
    fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object + '\n');
    console.log(`solc-compile: ${file}:${name} (${c.evm.bytecode.object.length / 2} bytes)`);
  }
}
