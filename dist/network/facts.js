"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_INDEPENDENCE = exports.NETWORK_FACTS_VERSION = void 0;
exports.NETWORK_FACTS_VERSION = 1;
exports.DEFAULT_INDEPENDENCE = 'location';
