// The reference gateway in a process of its own for the benchmarks, so that its work (certificate
// chain checks, the simulated マイナポータル) is not counted as the kiosk's: マイナポータル answers at
// once, on the test kiosk's Tuesday-afternoon clock (test/support/kiosk-driver.ts), so that no
// run depends on today's operating hours. Prints its URL on the first line of stdout.
import { createTestGateway } from '../../electron/devkit/reference-gateway/test-gateway.ts';
import { tuesdayAfternoon } from '../support/kiosk-driver.ts';

const gateway = await createTestGateway({ processingMs: 0, now: tuesdayAfternoon().now });
process.stdout.write(`${await gateway.listen()}\n`);
const stop = (): void => void gateway.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
