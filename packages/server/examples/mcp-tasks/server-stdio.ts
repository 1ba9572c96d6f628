/**
 * The example task MCP server over stdio:
 *   npx tsx packages/server/examples/mcp-tasks/server-stdio.ts
 * Configure it in an `McpHub` as
 *   { name: 'tasks', transport: 'stdio', command: 'npx', args: ['tsx', '<path>/server-stdio.ts'] }
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createTasksServer } from './tasks-server.js';
import { TaskService } from './task-service.js';

const server = await createTasksServer(new TaskService());
await server.connect(new StdioServerTransport());
