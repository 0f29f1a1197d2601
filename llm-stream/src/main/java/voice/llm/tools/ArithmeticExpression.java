package voice.llm.tools;

import java.math.BigDecimal;

/**
 * A recursive-descent evaluator for the calculator tool. Grammar (usual precedence, {@code ^}
 * right-associative and binding tighter than unary minus, so -2^2 = -4):
 * <pre>
 * expr   := term (('+' | '-') term)*
 * term   := unary (('*' | '/' | '%') unary)*
 * unary  := ('-' | '+') unary | power
 * power  := atom ('^' unary)?
 * atom   := number | '(' expr ')'
 * </pre>
 */
public final class ArithmeticExpression {
  /** The expression cannot be evaluated; the message says why and where, in one line. */
  public static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message);
    }
  }

  private final String text;
  private int pos;

  private ArithmeticExpression(String text) {
    this.text = text;
  }

  public static double evaluate(String expression) throws SyntaxError {
    ArithmeticExpression parser = new ArithmeticExpression(expression);
    double value = parser.expr();
    parser.skipSpaces();
    if (parser.pos < parser.text.length()) {
      throw new SyntaxError("unexpected '" + parser.text.charAt(parser.pos) + "' at position " + (parser.pos + 1));
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new SyntaxError("the result is not a finite number");
    }
    return value;
  }

  /** Integers without ".0", others without exponent noise. */
  public static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  private double expr() throws SyntaxError {
    double value = term();
    while (true) {
      if (eat('+')) {
        value += term();
      } else if (eat('-')) {
        value -= term();
      } else {
        return value;
      }
    }
  }

  private double term() throws SyntaxError {
    double value = unary();
    while (true) {
      if (eat('*')) {
        value *= unary();
      } else if (eat('/')) {
        double divisor = unary();
        if (divisor == 0) {
          throw new SyntaxError("division by zero");
        }
        value /= divisor;
      } else if (eat('%')) {
        double divisor = unary();
        if (divisor == 0) {
          throw new SyntaxError("modulo by zero");
        }
        value %= divisor;
      } else {
        return value;
      }
    }
  }

  private double unary() throws SyntaxError {
    if (eat('-')) {
      return -unary();
    }
    if (eat('+')) {
      return unary();
    }
    return power();
  }

  private double power() throws SyntaxError {
    double base = atom();
    if (eat('^')) {
      return Math.pow(base, unary());
    }
    return base;
  }

  private double atom() throws SyntaxError {
    skipSpaces();
    if (eat('(')) {
      double value = expr();
      if (!eat(')')) {
        throw new SyntaxError("missing ')' at position " + (pos + 1));
      }
      return value;
    }
    int start = pos;
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (start == pos) {
      throw new SyntaxError(pos < text.length()
          ? "unexpected '" + text.charAt(pos) + "' at position " + (pos + 1)
          : "the expression ends where a number was expected");
    }
    String number = text.substring(start, pos);
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new SyntaxError("'" + number + "' is not a number");
    }
  }

  private boolean eat(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
