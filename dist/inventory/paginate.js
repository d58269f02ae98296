"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RepeatedTokenError = void 0;
exports.loopNextToken = loopNextToken;
exports.drainPaginator = drainPaginator;
/**
 * The only pagination loops in the collectors. Reading only the first page is the classic scanner bug
 * (Prowler's ListBrokers); a service that hands back a token it already gave us would loop forever, and
 * stopping quietly would hide missing resources, so a repeated token is an error (malformed response).
 */
const errors_1 = require("./errors");
class RepeatedTokenError extends Error {
    token;
    name = errors_1.REPEATED_TOKEN_CODE;
    constructor(token) {
        super(`the service returned pagination token "${truncate(token)}" twice; stopped to avoid looping over the same page`);
        this.token = token;
    }
}
exports.RepeatedTokenError = RepeatedTokenError;
/** For APIs without an SDK paginator (Direct Connect): call `fetchPage` with each token until none comes back. */
async function loopNextToken(fetchPage) {
    return drainPaginator(tokenLoop(fetchPage), (page) => page);
}
/** Drain an SDK paginator (`paginateX({client, pageSize}, input)`), guarding against repeated tokens. */
async function drainPaginator(pages, toPage) {
    const items = [];
    const seen = new Set();
    for await (const raw of pages) {
        const page = toPage(raw);
        items.push(...(page.items ?? []));
        if (!page.nextToken)
            break;
        if (seen.has(page.nextToken))
            throw new RepeatedTokenError(page.nextToken);
        seen.add(page.nextToken);
    }
    return items;
}
async function* tokenLoop(fetchPage) {
    let token;
    do {
        const page = await fetchPage(token);
        yield page;
        token = page.nextToken || undefined;
    } while (token);
}
function truncate(token) {
    return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}
