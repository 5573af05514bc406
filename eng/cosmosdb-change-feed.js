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
"use strict";
const path = require("path");
const lib = path.dirname(require.resolve("@vercel/cosmosdb-server/lib/index.js"));
const Items = require(path.join(lib, "account", "items.js")).default;
const readDocuments = require(path.join(lib, "handler", "read-documents.js"));
const ResourceId = require(path.join(lib, "account", "resource-id.js")).default;
const readDocument = require(path.join(lib, "handler", "read-document.js"));

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
