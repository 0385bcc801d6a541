// Compiles local-chains/contracts/l2/*.sol with the pinned solc (solc-js from npm) for Cancun and
// writes <Name>.json beside each source: abi, creation bytecode, runtime bytecode, compiler.
// Usage: node scripts/solc-compile-l2.js <solc module dir> <contracts dir> [--check]
// With --check nothing is written; exits 1 when a committed artifact differs from a fresh build.
'use strict';
const fs = require('fs');
const path = require('path');

const [solcDir, contractsDir, mode] = process.argv.slice(2);
const solc = require(path.resolve(solcDir, 'node_modules', 'solc'));
const sources = {};
for (const f of fs.readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(contractsDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
let differs = false;
for (const file of Object.keys(output.contracts)) {
  for (const [name, c] of Object.entries(output.contracts[file])) {
    const artifact = {
      contractName: name,
      sourceName: file,
      compiler: 'solc ' + solc.version(),
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
    };
    const text = JSON.stringify(artifact, null, 2) + '\n';
    const target = path.join(contractsDir, name + '.json');
    if (mode === '--check') {
      const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (committed !== text) {
        console.error('artifact differs from a fresh build: ' + target);
        differs = true;
      } else {
        console.log('artifact matches: ' + target);
      }
    } else {
      fs.writeFileSync(target, text);
      console.log('wrote ' + target);
    }
  }
}
process.exit(differs ? 1 : 0);
