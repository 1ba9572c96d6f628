import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

const sidebars: SidebarsConfig = {
  docs: ['intro', 'install', 'configuration'],
};

export default sidebars;
