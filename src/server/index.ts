export {
  type App,
  type AppOptions,
  type AppRequest,
  type AppResponse,
  createApp,
  type SseBody,
} from "./app.js";
export { LiveHub, type LiveOptions } from "./live-feed.js";
export { formatSse, type SseMessage } from "./sse.js";
export { isLoopback, type RunningServer, type ServerOptions, startServer } from "./start.js";
