// Unit test files hash new PINs at the lowered test cost (electron/services/pins.ts): thousands of
// sign-ins and signatures would otherwise spend minutes in scrypt. pin-cost.test.ts proves a console
// process hashes at production's cost, and that hashes of either cost are checked at their own.
import { lowerPinCostForTests } from '../../../electron/services/pins';

lowerPinCostForTests();
