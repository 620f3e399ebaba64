// How the benchmarks run Debian's Chromium: headless, no sandbox (containers), no background traffic.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking'];
