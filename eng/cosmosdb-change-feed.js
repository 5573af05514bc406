// Preloaded into @vercel/cosmosdb-server (node -r) by eng/emulators: fixes to 1.0.1.
//
// cosmosdb-server 1.0.1 has no change feed: a request with "A-IM: Incremental feed" gets the first page of
// the read feed, every continuation gets 304 and the etag is always "1", so a reader never moves on. This
// adds Cosmos DB's documented latest-version change feed on top of its in-memory store:
//   - every write stamps the document with a per-container, increasing "_lsn";
//   - a change-feed request returns the current version of every document whose _lsn is above the one in
//     If-None-Match (none: from the beginning; "*": from now), in _lsn order, at most x-ms-max-item-count;
//   - the response etag is the last _lsn returned, and 304 (with the current etag) means nothing new;
//   - If-Modified-Since (start from a time) keeps documents whose _ts is at or after that time.
// Like the real latest-version mode it shows no deletes and only the newest version of each document.
//
// It also reports one partition key range per container, so reading a container range by range (feed ranges)
// cannot be shown. A database whose id starts with "ranges{N}-" (N = 2..9, e.g. "ranges3-backup-test-abc") gets N:
//   - GET .../pkranges answers ranges "0".."N-1" that split the effective partition keys "" .. "FF" evenly
//     (32 hex digits per boundary, as Cosmos DB writes them);
//   - every document belongs to exactly one range by a stable hash of its partition key value (not Cosmos DB's
//     EPK hash, which nothing here needs: the SDK routes read feeds and change feeds by range id);
//   - a read feed, query or change-feed request with no partition key header sees only the documents of the
//     range it names (x-ms-documentdb-partitionkeyrangeid, narrowed by x-ms-start-epk/x-ms-end-epk when sent);
//     continuations keep working per range, and the change feed's _lsn etags stay per container, so a
//     container-wide change feed returns every change once across the ranges.
// Requests with a partition key header, and every other database, behave as before.
"use strict";
const path = require("path");
const lib = path.dirname(require.resolve("@vercel/cosmosdb-server/lib/index.js"));
const Items = require(path.join(lib, "account", "items.js")).default;
const readDocuments = require(path.join(lib, "handler", "read-documents.js"));
const ResourceId = require(path.join(lib, "account", "resource-id.js")).default;
const readDocument = require(path.join(lib, "handler", "read-document.js"));
const queryDocuments = require(path.join(lib, "handler", "query-documents.js"));
const readPartitionKeyRanges = require(path.join(lib, "handler", "read-partition-key-ranges.js"));
const { AsyncLocalStorage } = require("async_hooks");
const { createHash } = require("crypto");

// A point read of a missing item crashes 1.0.1 (it reads the partition key of `undefined`) and answers 500;
// Cosmos DB answers 404, which is what readers branch on.
const readOne = readDocument.default;
readDocument.default = (account, req, res, params) => {
  try {
    return readOne(account, req, res, params);
  } catch (err) {
    if (!(err instanceof TypeError)) {
      throw err;
    }
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
};

// Real Cosmos DB writes resource ids in base64 with '/' as '-' (they appear in URLs); 1.0.1 leaves '/' in (every
// 64th database gets one, and the SDK then fails with "Stale cache for rid") and turns back only the first '-'.
ResourceId.toBase64String = buffer => buffer.toString("base64").replace(/\//g, "-");
ResourceId.fromBase64String = s => Buffer.from(s.replace(/-/g, "/"), "base64");

const setDocument = Items.prototype._set;
Items.prototype._set = function stampLsn(data) {
  this._lsn = (this._lsn || 0) + 1;
  data._lsn = this._lsn;
  return setDocument.call(this, data);
};

const readFeed = readDocuments.default;
readDocuments.default = async (account, req, res, params) => {
  if (!req.headers["a-im"]) {
    return readFeed(account, req, res, params);
  }
  // Answered here in full: the server's own change-feed stand-in (which keys off this header) must not run.
  delete req.headers["a-im"];
  const documents = account.database(params.dbId).collection(params.collId).documents;
  const all = documents.read();
  if (!all) {
    res.statusCode = 404;
    return {};
  }
  const current = documents._lsn || 0;
  const ifNoneMatch = (req.headers["if-none-match"] || "").replace(/"/g, "");
  const after = ifNoneMatch === "*" ? current : parseInt(ifNoneMatch || "0", 10) || 0;
  const since = req.headers["if-modified-since"] ? Date.parse(req.headers["if-modified-since"]) / 1e3 : null;
  const requested = parseInt(req.headers["x-ms-max-item-count"] || "-1", 10);
  const pageSize = requested > 0 ? requested : 100;
  const changes = all.result
    .filter(doc => doc._lsn > after && (since === null || doc._ts >= since))
    .sort((a, b) => a._lsn - b._lsn)
    .slice(0, pageSize);
  if (changes.length === 0) {
    res.statusCode = 304;
    res.setHeader("etag", `"${after}"`);
    res.setHeader("x-ms-item-count", "0");
    return {};
  }
  res.setHeader("etag", `"${changes[changes.length - 1]._lsn}"`);
  res.setHeader("x-ms-item-count", String(changes.length));
  return { _rid: "", Documents: changes, _count: changes.length };
};

// ---- Several partition key ranges for "ranges{N}-" databases (see the top of the file).

const FULL = 1n << 128n;
const hex = value => value.toString(16).toUpperCase().padStart(32, "0");

// N ranges of the EPK space: [""; b1), [b1; b2) ... [b(N-1); "FF"), with b(i) = i * 2^128 / N in 32 hex digits.
const rangeBounds = count =>
  Array.from({ length: count }, (_, i) => ({
    id: String(i),
    min: i === 0 ? "" : hex((BigInt(i) * FULL) / BigInt(count)),
    max: i === count - 1 ? "FF" : hex((BigInt(i + 1) * FULL) / BigInt(count)),
  }));

// 0 for an ordinary database, N for "ranges{N}-...". The SDK names databases by id or by _rid; both resolve.
const rangeCount = (account, dbIdOrRid) => {
  const database = account.database(dbIdOrRid).read();
  const match = database && /^ranges([2-9])-/.exec(database.id);
  return match ? Number(match[1]) : 0;
};

// A document's stand-in EPK: MD5 of its partition key value scaled below "FF" (so the last range ends at "FF").
const documentEpk = (documents, doc) => {
  const digest = createHash("md5").update(JSON.stringify([documents._getPartition(doc) ?? null])).digest("hex");
  return hex((BigInt(`0x${digest}`) * 255n) / 256n);
};

readPartitionKeyRanges.default = ((readAll) => (account, req, res, params) => {
  const count = rangeCount(account, params.dbId);
  const ranges = count && account.database(params.dbId).collection(params.collId).partitionKeyRanges;
  const collection = ranges && ranges._parent.read();
  if (!collection) {
    return readAll(account, req, res, params);
  }
  // The same fields as the server's own single range; the generic handler then adds etag "1" and answers
  // the SDK's incremental re-reads (If-None-Match: "1") with 304.
  const result = rangeBounds(count).map(({ id, min, max }, i) => {
    const _rid = ranges._rid(i + 1);
    return {
      id, minInclusive: min, maxExclusive: max, ridPrefix: i, throughputFraction: 1 / count,
      status: "online", parents: [], _rid, _self: ranges._self(_rid), _etag: `"${collection._etag}-${id}"`,
      _ts: collection._ts,
    };
  });
  res.setHeader("x-ms-item-count", String(count));
  return { _rid: collection._rid, PartitionKeyRanges: result, _count: count };
})(readPartitionKeyRanges.default);

// The range a request reads, kept across the handler's awaits; Items.read/query filter by it.
const scope = new AsyncLocalStorage();

const scoped = handler => (account, req, res, params) => {
  const rangeId = req.headers["x-ms-documentdb-partitionkeyrangeid"];
  const count = !req.headers["x-ms-documentdb-partitionkey"] && rangeId ? rangeCount(account, params.dbId) : 0;
  if (!count) {
    return handler(account, req, res, params);
  }
  const range = rangeBounds(count).find(r => r.id === rangeId.split(",").pop());
  if (!range) {
    // What Cosmos DB answers for a range that split away: the SDK then re-reads the ranges.
    res.statusCode = 410;
    res.setHeader("x-ms-substatus", "1002");
    return { code: "Gone", message: `Partition key range ${rangeId} is gone.` };
  }
  const start = req.headers["x-ms-start-epk"];
  const end = req.headers["x-ms-end-epk"];
  const documents = account.database(params.dbId).collection(params.collId).documents;
  const store = {
    documents,
    range,
    min: start && start > range.min ? start : range.min,
    max: end && end < range.max ? end : range.max,
  };
  return scope.run(store, () => handler(account, req, res, params));
};

readDocuments.default = scoped(readDocuments.default);
queryDocuments.default = scoped(queryDocuments.default);

// Runs the store's read/query over the scoped range's documents only; the read feed's continuation (a _rid
// position) then resumes within that range, and names the range rather than the whole container.
const inRange = run =>
  function (...args) {
    const store = scope.getStore();
    if (!store || store.documents !== this) {
      return run.apply(this, args);
    }
    const view = Object.create(this);
    view._data = new Map([...this._data].filter(([, item]) => {
      const epk = documentEpk(this, item.read());
      return epk >= store.min && epk < store.max;
    }));
    const result = run.apply(view, args);
    if (result && result.continuation) {
      result.continuation.range = { min: store.range.min, max: store.range.max };
    }
    return result;
  };
Items.prototype.read = inRange(Items.prototype.read);
Items.prototype.query = inRange(Items.prototype.query);
