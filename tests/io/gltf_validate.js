// The Khronos glTF validator on each file named: one JSON line of reports on stdout.
// Usage: NODE_PATH=.tools/npm/node_modules node gltf_validate.js FILE.glb...
const fs = require('fs');
const validator = require('gltf-validator');

Promise.all(process.argv.slice(2).map((file) =>
    validator.validateBytes(new Uint8Array(fs.readFileSync(file)), {uri: file, maxIssues: 0, writeTimestamp: false})
        .then((report) => ({file: file, issues: report.issues, info: report.info}))))
    .then((reports) => console.log(JSON.stringify({version: validator.version(), reports: reports})))
    .catch((error) => { console.error(String(error)); process.exit(1); });
