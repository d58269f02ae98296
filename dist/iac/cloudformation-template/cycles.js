"use strict";
/** Circular references between resources (CloudFormation refuses them: "Circular dependency between resources"). */
Object.defineProperty(exports, "__esModule", { value: true });
exports.findCycle = findCycle;
/** The first cycle found (in template order), with the pointer of the reference that closes it. */
function findCycle(edges) {
    const state = new Map();
    const stack = [];
    // Iterative depth-first search: a long chain of references must not exhaust the call stack.
    for (const start of edges.keys()) {
        if (state.has(start))
            continue;
        const frames = [{ node: start, next: 0 }];
        state.set(start, 'open');
        stack.push(start);
        while (frames.length > 0) {
            const frame = frames[frames.length - 1];
            const out = edges.get(frame.node) ?? [];
            if (frame.next >= out.length) {
                state.set(frame.node, 'done');
                stack.pop();
                frames.pop();
                continue;
            }
            const edge = out[frame.next++];
            const seen = state.get(edge.to);
            if (seen === 'open')
                return { path: [...stack.slice(stack.indexOf(edge.to)), edge.to], pointer: edge.pointer };
            if (seen === undefined && edges.has(edge.to)) {
                state.set(edge.to, 'open');
                stack.push(edge.to);
                frames.push({ node: edge.to, next: 0 });
            }
        }
    }
    return undefined;
}
