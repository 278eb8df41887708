export { type CardScan, looksLikePan, luhnValid, maskCardNumbers, maskPan, scanCardNumbers } from './card-numbers';
