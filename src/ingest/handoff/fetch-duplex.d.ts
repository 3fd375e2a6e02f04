// Node's fetch (undici) sends a streamed request body only with `duplex: "half"`. The DOM's
// RequestInit, which @whatwg-node/fetch (Yoga's) brings into the program in place of Node's, does
// not name the option: declared here once, for the handoff client's streamed upload.
interface RequestInit {
  duplex?: "half";
}
