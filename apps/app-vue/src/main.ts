import 'demo/shared/framework-demo.css';
import 'demo/shared/scripted-button.js';
import { createApp } from 'vue';
import 'ai-chat'; // registers <ai-chat>
import App from './App.vue';

createApp(App).mount('#app');
