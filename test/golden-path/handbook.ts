import * as fs from 'fs';
import * as path from 'path';

/** A command of the handbook: one line of a shell block, continuation lines joined, comments dropped. */
export interface HandbookCommand {
  readonly text: string;
  /** The heading the command is under. */
  readonly section: string;
}

/**
 * docs/HANDBOOK.md as the tests read it: its shell blocks, by the heading they are under, so that
 * the commands a test runs are the document's own text and the two cannot drift apart.
 */
export class Handbook {
  public static readonly FILE = path.join(__dirname, '..', '..', 'docs', 'HANDBOOK.md');

  public static read(): Handbook {
    return new Handbook(fs.readFileSync(Handbook.FILE, 'utf-8'));
  }

  /** The commands of a block, one per entry. */
  public static commandsOf(block: string): string[] {
    return block.replace(/\\\n\s*/g, '').split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').replace(/^#.*$/, '').trim())
      .filter((line) => line.length > 0);
  }

  private constructor(private readonly text: string) {}

  /** The first shell block after a heading (`### Create the project`), as written. */
  public block(heading: string): string {
    const at = this.text.indexOf(`\n${heading}\n`);
    if (at < 0) {
      throw new Error(`docs/HANDBOOK.md has no heading '${heading}'`);
    }
    const match = /```sh\n([\s\S]*?)```/.exec(this.text.slice(at));
    if (!match) {
      throw new Error(`docs/HANDBOOK.md has no shell block after '${heading}'`);
    }
    return dedent(match[1]);
  }

  /** Every command of every shell block. */
  public commands(): HandbookCommand[] {
    const commands: HandbookCommand[] = [];
    let section = '';
    const lines = this.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (/^#{2,4} /.test(lines[i])) {
        section = lines[i].replace(/^#+ /, '');
      }
      if (/^\s*```sh\s*$/.test(lines[i])) {
        const body: string[] = [];
        for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) {
          body.push(lines[i]);
        }
        commands.push(...Handbook.commandsOf(dedent(body.join('\n'))).map((text) => ({ text, section })));
      }
    }
    return commands;
  }
}

function dedent(block: string): string {
  const lines = block.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
