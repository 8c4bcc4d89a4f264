// Initiates the replica set rs0 of mongo-1..3 once, then waits until it has a primary.
// Run by the mongo-init service of compose.yaml; a second run finds it initiated and only waits.
const members = ['mongo-1:27017', 'mongo-2:27017', 'mongo-3:27017'].map((host, i) => ({ _id: i, host }));
try {
  rs.status();
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  rs.initiate({ _id: 'rs0', members });
}
const deadline = Date.now() + 120000;
while (!rs.status().members.some((m) => m.stateStr === 'PRIMARY')) {
  if (Date.now() > deadline) {
    throw new Error('replica set rs0 has no primary after 120 s');
  }
  sleep(1000);
}
print('replica set rs0 ready');
