// Magento error bodies: the {message, parameters} template rendered into the text an operator reads.
import { describe, expect, it } from 'vitest';
import { parseMagentoError, renderMagentoMessage } from '../src/magento';

describe('renderMagentoMessage', () => {
  it('renders strings as they are, other values as JSON or their literal text', () => {
    expect(renderMagentoMessage('%1 %2 %3 %4 %5', ['sku', 2, true, null, { id: 7 }])).toBe('sku 2 true null {"id":7}');
    expect(renderMagentoMessage('%1 and %2', [['a', 'b'], 10n])).toBe('["a","b"] and 10');
    expect(renderMagentoMessage('%name is %value', { name: 'qty', value: { min: 1 } })).toBe('qty is {"min":1}');
  });

  it('reads placeholders of two digits and leaves those beyond the parameters as written', () => {
    const ten = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    expect(renderMagentoMessage('%10 then %1', ten)).toBe('j then a');
    expect(renderMagentoMessage('%0 %1 %2 %12', ['only'])).toBe('%0 only %2 %12');
  });

  it('leaves the template alone without parameters or with parameters of another shape', () => {
    expect(renderMagentoMessage('No such entity with %fieldName', undefined)).toBe('No such entity with %fieldName');
    expect(renderMagentoMessage('No such entity with %fieldName', null)).toBe('No such entity with %fieldName');
    expect(renderMagentoMessage('"%1" is required', 'sku')).toBe('"%1" is required');
    expect(renderMagentoMessage('%name', { other: 'x' })).toBe('%name');
  });
});

describe('parseMagentoError', () => {
  it('returns template, rendered message and the parameters as sent', () => {
    expect(parseMagentoError({ message: 'Invalid %1', parameters: ['qty'] })).toStrictEqual({
      template: 'Invalid %1',
      message: 'Invalid qty',
      parameters: ['qty'],
    });
  });

  it('has no parameters when Magento sent none', () => {
    expect(parseMagentoError({ message: 'Consumer is not authorized' })).toStrictEqual({
      template: 'Consumer is not authorized',
      message: 'Consumer is not authorized',
    });
    expect(parseMagentoError({ message: 'Invalid %1', parameters: null })).toStrictEqual({
      template: 'Invalid %1',
      message: 'Invalid %1',
      parameters: null,
    });
  });

  it.each([
    ['null', null],
    ['a text body', '<html>502 Bad Gateway</html>'],
    ['an array', [{ message: 'x' }]],
    ['an object without a message', { error: 'bad' }],
    ['a message that is not text', { message: 42 }],
  ])('is undefined for %s', (_, body) => {
    expect(parseMagentoError(body)).toBeUndefined();
  });
});
