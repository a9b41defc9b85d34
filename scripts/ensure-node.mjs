// better-sqlite3's prebuilt binary crashes under older Node; every script runs on the project's
// Node 22 (the node@22 devDependency, first on PATH inside `npm run`).
export function ensureNode22() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    console.error(
      `Pooler Console needs Node 22 or newer; this is ${process.version}. Run it through npm (npm start, npm test), which uses the project's own Node 22.`,
    );
    process.exit(1);
  }
}
